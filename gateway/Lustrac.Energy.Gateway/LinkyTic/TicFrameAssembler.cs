namespace Lustrac.Energy.Gateway.LinkyTic;

/// <summary>
/// Cuts the endless byte stream of a TIC line into frame bodies: from STX to ETX. A frame interrupted by EOT (the
/// meter stops sending to answer its display), by a new STX, or longer than any real frame is counted as truncated
/// and thrown away; bytes outside a frame are ignored (a reader joins a line mid-frame).
/// </summary>
public sealed class TicFrameAssembler
{
    /// <summary>A standard-mode frame of a three-phase producer meter is about 1.5 kB; anything far longer is noise.</summary>
    public const int MaxFrameLength = 4096;

    private readonly byte[] _body = new byte[MaxFrameLength];
    private int _length;
    private bool _inFrame;

    public long TruncatedFrames { get; private set; }

    /// <summary>Feeds bytes; calls <paramref name="onFrame"/> with each complete body (valid only during the call).</summary>
    public void Feed(ReadOnlySpan<byte> bytes, FrameHandler onFrame)
    {
        foreach (var b in bytes)
        {
            switch (b)
            {
                case TicModes.Stx:
                    if (_inFrame) TruncatedFrames++;
                    _inFrame = true;
                    _length = 0;
                    break;
                case TicModes.Etx when _inFrame:
                    _inFrame = false;
                    onFrame(_body.AsSpan(0, _length));
                    break;
                case TicModes.Eot when _inFrame:
                    _inFrame = false;
                    TruncatedFrames++;
                    break;
                default:
                    if (!_inFrame) break;
                    if (_length == MaxFrameLength)
                    {
                        _inFrame = false;
                        TruncatedFrames++;
                        break;
                    }
                    _body[_length++] = b;
                    break;
            }
        }
    }

    /// <summary>Forgets a frame in progress (the line was flushed: what follows does not continue it).</summary>
    public void Reset()
    {
        _inFrame = false;
        _length = 0;
    }

    public delegate void FrameHandler(ReadOnlySpan<byte> body);
}
