using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Lustrac.Energy.Protocol.Security;

/// <summary>
/// Trust for a broker whose certificate comes from the cooperative's own CA (deploy/mosquitto/make-tls.sh),
/// not from a public one: the chain must end at that CA and the name must match.
/// </summary>
public static class PrivateCaTrust
{
    public static X509Certificate2 LoadCa(string path) =>
        File.Exists(path) ? X509CertificateLoader.LoadCertificateFromFile(path)
            : throw new FileNotFoundException($"CA certificate '{Path.GetFullPath(path)}' does not exist (Mqtt:CaFile)", path);

    public static bool Accepts(X509Certificate2 ca, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null) return false;
        // Chain errors are expected (the CA is not in the system store); anything else, such as a name mismatch, is not.
        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var certificate = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        return chain.Build(certificate);
    }
}
