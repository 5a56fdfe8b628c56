using System.Security.Cryptography;
using System.Text;

namespace Lustrac.Energy.Server.Broker;

/// <summary>
/// Users of a Mosquitto password file, as written by <c>mosquitto_passwd</c> (deploy/mosquitto/make-users.sh),
/// so the embedded broker and Mosquitto take the same file and no password is stored in clear.
/// Line format <c>user:$7$iterations$salt$hash</c> (PBKDF2-HMAC-SHA512, base64 salt and 64-byte hash, Mosquitto 2.0)
/// or <c>user:$6$salt$hash</c> (SHA-512 of password then salt, Mosquitto 1.x).
/// </summary>
public sealed class PasswordFile
{
    private readonly Dictionary<string, string> _hashes;

    private PasswordFile(Dictionary<string, string> hashes) => _hashes = hashes;

    public IReadOnlyCollection<string> Users => _hashes.Keys;

    public static PasswordFile Load(string path)
    {
        if (!File.Exists(path)) throw new StartupException($"Mqtt:UsersFile '{path}' does not exist; create it with deploy/mosquitto/make-users.sh.");
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !(line[(colon + 1)..].StartsWith("$7$", StringComparison.Ordinal) || line[(colon + 1)..].StartsWith("$6$", StringComparison.Ordinal)))
                throw new StartupException($"{path}:{number}: expected 'user:$7$…' as written by mosquitto_passwd (clear-text passwords are not accepted).");
            hashes[line[..colon]] = line[(colon + 1)..];
        }
        return new PasswordFile(hashes);
    }

    public bool Verify(string? user, string? password)
    {
        if (user is null || password is null || !_hashes.TryGetValue(user, out var stored)) return false;
        var parts = stored.Split('$'); // "", "7", iterations, salt, hash  or  "", "6", salt, hash
        try
        {
            byte[] expected, actual;
            if (parts is ["", "7", var iterations, var salt, var hash])
            {
                expected = Convert.FromBase64String(hash);
                actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Convert.FromBase64String(salt),
                    int.Parse(iterations, System.Globalization.CultureInfo.InvariantCulture), HashAlgorithmName.SHA512, expected.Length);
            }
            else if (parts is ["", "6", var salt6, var hash6])
            {
                expected = Convert.FromBase64String(hash6);
                actual = SHA512.HashData([.. Encoding.UTF8.GetBytes(password), .. Convert.FromBase64String(salt6)]);
            }
            else return false;
            return CryptographicOperations.FixedTimeEquals(expected, actual);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
