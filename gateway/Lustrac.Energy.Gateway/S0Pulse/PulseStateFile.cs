using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Lustrac.Energy.Gateway.S0Pulse;

/// <summary>
/// The persisted pulse count of one device: <c>{folder}/{device}.pulses</c> plus the previous version in
/// <c>.pulses.bak</c>. Each save writes a temporary file, fsyncs it, moves the current file to .bak, renames
/// the temporary file into place and fsyncs the folder, so a power cut leaves either the new or the old
/// count, never a mix. A checksum line catches a torn or damaged file (a power cut on a file system
/// without ordered data, SD card corruption).
/// Format (README, Delivery guarantees: formats): ASCII lines "lustrac-pulse-state VERSION", "device=ID",
/// "pulses=N", in version 2 also "saved=UTC TIME" (when), then "crc32=HEX" of everything before it.
/// Version 2 is written; versions 1 and 2 are read; a newer version is not read (and said so).
/// </summary>
public sealed class PulseStateFile(string folder, string deviceId)
{
    private const string Magic = "lustrac-pulse-state ";
    public const int Version = 2;

    public string Path { get; } = System.IO.Path.Combine(folder, deviceId + ".pulses");
    private string BackupPath => Path + ".bak";
    private string TemporaryPath => Path + ".tmp";

    /// <summary>Durably records <paramref name="pulses"/>.</summary>
    public void Save(long pulses)
    {
        Directory.CreateDirectory(folder);
        var body = $"{Magic}{Version}\ndevice={deviceId}\npulses={pulses.ToString(CultureInfo.InvariantCulture)}\n" +
            $"saved={DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}\n";
        var text = body + $"crc32={Crc32(body):x8}\n";
        using (var file = new FileStream(TemporaryPath, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(Encoding.ASCII.GetBytes(text));
            file.Flush(flushToDisk: true);
        }
        if (File.Exists(Path)) File.Move(Path, BackupPath, overwrite: true);
        File.Move(TemporaryPath, Path, overwrite: true);
        SyncFolder(folder);
    }

    /// <summary>
    /// Loads the count. Never throws for a damaged file: it falls back to the previous version, or to zero,
    /// moves what it could not read aside (<c>.corrupt-…</c>) so the next start is clean, and says what happened.
    /// </summary>
    public PulseStateLoad Load()
    {
        if (File.Exists(TemporaryPath)) File.Delete(TemporaryPath); // a save cut short: the current file is still whole
        var current = TryRead(Path, out var currentError);
        if (current is { } pulses) return new PulseStateLoad(pulses, null);

        var backup = TryRead(BackupPath, out var backupError);
        var problems = new List<string>();
        if (currentError is not null) problems.Add(currentError);
        if (backup is { } older)
        {
            if (currentError is null && !File.Exists(Path))
                problems.Add($"{Path} is missing (power cut during a save)");
            MoveAside(Path);
            return new PulseStateLoad(older, string.Join("; ", problems) + $"; continuing from the previous save, {older} pulses");
        }
        if (backupError is not null) problems.Add(backupError);
        if (problems.Count == 0) return new PulseStateLoad(0, null); // first start on this gateway
        MoveAside(Path);
        MoveAside(BackupPath);
        return new PulseStateLoad(0, string.Join("; ", problems) + "; no readable count left: counting again from 0 (the server records a counter reset)");
    }

    private long? TryRead(string path, out string? error)
    {
        error = null;
        if (!File.Exists(path)) return null;
        string text;
        try { text = File.ReadAllText(path, Encoding.ASCII); }
        catch (IOException ex) { error = $"{path} cannot be read ({ex.Message})"; return null; }

        var crcAt = text.LastIndexOf("crc32=", StringComparison.Ordinal);
        var lines = text.Split('\n');
        if (!text.StartsWith(Magic, StringComparison.Ordinal) || !int.TryParse(lines[0][Magic.Length..], NumberStyles.None,
                CultureInfo.InvariantCulture, out var version) || crcAt < 0 || !text.EndsWith('\n'))
        {
            error = $"{path} is torn or not a pulse state file ({text.Length} bytes)";
            return null;
        }
        if (version is < 1 or > Version)
        {
            error = $"{path} is pulse state format version {version}; this gateway reads versions 1 to {Version} (written by a newer gateway?)";
            return null;
        }
        var body = text[..crcAt];
        var crcText = text[(crcAt + 6)..].TrimEnd('\n');
        if (!uint.TryParse(crcText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var crc) || crc != Crc32(body))
        {
            error = $"{path} fails its checksum";
            return null;
        }
        var device = lines.FirstOrDefault(l => l.StartsWith("device=", StringComparison.Ordinal))?[7..];
        var pulsesText = lines.FirstOrDefault(l => l.StartsWith("pulses=", StringComparison.Ordinal))?[7..];
        if (device != deviceId)
        {
            error = $"{path} belongs to device '{device}', not '{deviceId}'";
            return null;
        }
        if (!long.TryParse(pulsesText, NumberStyles.None, CultureInfo.InvariantCulture, out var pulses))
        {
            error = $"{path} has no valid pulse count";
            return null;
        }
        return pulses;
    }

    private static void MoveAside(string path)
    {
        if (File.Exists(path)) File.Move(path, $"{path}.corrupt-{DateTime.UtcNow:yyyyMMddTHHmmssfff}", overwrite: true);
    }

    /// <summary>CRC-32 (IEEE, reflected 0xEDB88320), bit by bit: a few dozen bytes per save.</summary>
    private static uint Crc32(string text)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in Encoding.ASCII.GetBytes(text))
        {
            crc ^= b;
            for (var i = 0; i < 8; i++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>A rename is durable only once its folder is fsynced (Linux); elsewhere this is a no-op.</summary>
    private static void SyncFolder(string folder)
    {
        if (!OperatingSystem.IsLinux()) return;
        var fd = Native.open(folder, Native.O_RDONLY); // a folder opens read-only; O_DIRECTORY's value differs between x86-64 and arm64
        if (fd < 0) return;
        // Best effort: if the folder's fsync fails the rename is as durable as the file system makes it, nothing to retry.
        _ = Native.fsync(fd);
        _ = Native.close(fd);
    }

    private static class Native
    {
        public const int O_RDONLY = 0;

        [DllImport("libc", SetLastError = true)] public static extern int open(string path, int flags);
        [DllImport("libc", SetLastError = true)] public static extern int fsync(int fd);
        [DllImport("libc", SetLastError = true)] public static extern int close(int fd);
    }
}

/// <summary>The restored count, and a description of any recovery (null when the file was read cleanly).</summary>
public readonly record struct PulseStateLoad(long Pulses, string? Recovery);
