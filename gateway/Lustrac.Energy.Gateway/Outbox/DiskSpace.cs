namespace Lustrac.Energy.Gateway.Outbox;

/// <summary>Recognising a full disk, and a small reserve that lets the outbox save its bookkeeping when it is.</summary>
internal static class DiskSpace
{
    private const int Enospc = 28, Edquot = 122, WindowsDiskFull = 0x70, WindowsHandleDiskFull = 0x27;

    /// <summary>"No space left on device" or "Disk quota exceeded" (errno on Linux; Win32 codes for completeness).</summary>
    public static bool IsFull(IOException ex) =>
        ex.HResult is Enospc or Edquot || (ex.HResult & 0xFFFF) is WindowsDiskFull or WindowsHandleDiskFull;

    /// <summary>Free bytes for an unprivileged writer on the filesystem holding <paramref name="folder"/>; -1 if unknown.</summary>
    public static long FreeBytes(string folder)
    {
        try { return new DriveInfo(folder).AvailableFreeSpace; }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException) { return -1; }
    }
}

/// <summary>
/// A file of zeros kept next to the segments. Before the oldest segment may be deleted its devices' sequence
/// numbers must be saved, which needs a little space: on a full disk this file is deleted first to make room.
/// </summary>
internal sealed class SpaceReserve(string folder)
{
    public const int Bytes = 16 * 1024; // sequences.json is a few hundred bytes; a 4 KiB block each for it, its temporary copy and the cursor
    private string PathName => Path.Combine(folder, "reserve");

    /// <summary>Writes the reserve if it is missing; on a full disk it just stays missing until space comes back.</summary>
    public void TryRestore()
    {
        if (File.Exists(PathName) && new FileInfo(PathName).Length == Bytes) return;
        try
        {
            using var file = new FileStream(PathName, FileMode.Create, FileAccess.Write);
            file.Write(new byte[Bytes]); // real zeros, not a sparse length: the blocks must be allocated
            file.Flush(flushToDisk: true);
        }
        catch (IOException ex) when (DiskSpace.IsFull(ex))
        {
            Release();
        }
    }

    /// <summary>True if there was a reserve to give back.</summary>
    public bool Release()
    {
        if (!File.Exists(PathName)) return false;
        File.Delete(PathName);
        return true;
    }
}
