using System.Collections.Concurrent;
using System.Diagnostics;

namespace Lustrac.Energy.Server.Bench;

/// <summary>Counts InfluxDB requests and their time by kind (query, write), to see where a close spends its time.</summary>
internal sealed class RequestTally() : DelegatingHandler(new HttpClientHandler())
{
    private readonly ConcurrentDictionary<string, (int Count, double Ms)> _byKind = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        try { return await base.SendAsync(request, ct); }
        finally
        {
            var kind = request.RequestUri!.AbsolutePath.Trim('/');
            _byKind.AddOrUpdate(kind, (1, sw.Elapsed.TotalMilliseconds), (_, v) => (v.Count + 1, v.Ms + sw.Elapsed.TotalMilliseconds));
        }
    }

    public void Reset() => _byKind.Clear();

    public string Summary(int per) => string.Join(", ", _byKind.OrderBy(k => k.Key).Select(k =>
        $"{(double)k.Value.Count / per:F1} {k.Key} requests ({k.Value.Ms / k.Value.Count:F1} ms each)"));
}
