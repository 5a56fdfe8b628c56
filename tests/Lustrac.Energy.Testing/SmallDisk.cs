using System.Diagnostics;

namespace Lustrac.Energy.Testing;

/// <summary>
/// A tiny filesystem of its own (tmpfs) that a test can fill, as a Pi's SD card fills. Needs root, as CI has:
/// without it the test fails with a message saying so, it is never skipped.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("lustrac-small-disk-").FullName;

    public SmallDisk(int kilobytes)
    {
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", Folder);
        if (code != 0)
            throw new InvalidOperationException($"This test needs a small filesystem it can fill: 'mount -t tmpfs' on {Folder} failed " +
                $"(exit {code}: {output.Trim()}). Run the tests as root (CI does), or in a container allowed to mount.");
    }

    public long FreeBytes => new DriveInfo(Folder).AvailableFreeSpace;

    /// <summary>Writes a file of zeros until the disk is full, leaving about <paramref name="leaveBytes"/> free.</summary>
    public void FillLeaving(long leaveBytes)
    {
        using var filler = new FileStream(Path.Combine(Folder, "filler-" + Guid.NewGuid().ToString("N")[..6]), FileMode.CreateNew);
        var block = new byte[4096];
        try
        {
            while (FreeBytes > leaveBytes) filler.Write(block);
        }
        catch (IOException) { /* full */ }
    }

    private static (int Code, string Output) Run(string program, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }

    public void Dispose()
    {
        if (Run("umount", Folder).Code != 0) Run("umount", "-l", Folder); // a file still open: detach now, freed when it closes
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }
}
