namespace Lustrac.Energy.Gateway.Outbox;

internal static class OutboxFiles
{
    /// <summary>Writes a small file through a temporary one, so a reader never sees half of it; a failed attempt leaves no temporary behind.</summary>
    public static void Replace(string path, string content, bool durable)
    {
        var temp = path + ".tmp";
        try
        {
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                file.Write(System.Text.Encoding.UTF8.GetBytes(content));
                if (durable) file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (IOException)
        {
            File.Delete(temp);
            throw;
        }
    }
}
