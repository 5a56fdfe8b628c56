using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Server.Tests.Alerts;

/// <summary>An HTTP endpoint on loopback (HttpListener) that records every JSON body POSTed to it.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public ConcurrentQueue<JsonElement> Received { get; } = new();
    public Uri Url { get; }

    public WebhookReceiver()
    {
        Url = new Uri($"http://127.0.0.1:{FreePort.Next()}/hooks/lustrac/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _serving = ServeAsync();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException) { return; }
            using (var doc = await JsonDocument.ParseAsync(context.Request.InputStream))
                if (context.Request.HttpMethod == "POST" && context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
                    Received.Enqueue(doc.RootElement.Clone());
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _listener.Close();
    }
}
