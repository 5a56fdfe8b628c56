using System.Text;
using CsCheck;
using Lustrac.Energy.Gateway.LinkyTic;

namespace Lustrac.Energy.Gateway.Tests.LinkyTic;

public class TicFrameAssemblerTests
{
    private static List<string> Bodies(TicFrameAssembler assembler, byte[] stream)
    {
        var bodies = new List<string>();
        assembler.Feed(stream, body => bodies.Add(Encoding.ASCII.GetString(body)));
        return bodies;
    }

    [Fact]
    public void A_frame_is_what_lies_between_STX_and_ETX_even_when_the_reader_joins_mid_frame()
    {
        var frame = TicFrameFile.Frame(TicFrameFile.Groups("historique-hc-single-phase"));
        var stream = frame[40..].Concat(frame).Concat(frame[..10]).ToArray();

        var bodies = Bodies(new TicFrameAssembler(), stream);

        Assert.Equal(Encoding.ASCII.GetString(frame[1..^1]), Assert.Single(bodies));
    }

    [Fact]
    public void A_frame_interrupted_by_EOT_or_a_new_STX_is_counted_truncated_and_never_read()
    {
        var frame = TicFrameFile.Frame(TicFrameFile.Groups("historique-hc-single-phase"));
        var assembler = new TicFrameAssembler();
        var stream = frame[..50].Append(TicModes.Eot).Concat(frame[..60]).Concat(frame).ToArray();

        var bodies = Bodies(assembler, stream);

        Assert.Single(bodies); // only the whole frame at the end
        Assert.Equal(2, assembler.TruncatedFrames);
    }

    [Fact]
    public void Noise_inserted_anywhere_in_a_frame_never_gives_a_wrong_value()
    {
        var groups = TicFrameFile.Groups("historique-hc-single-phase");
        var frame = TicFrameFile.Frame(groups);
        var truth = TicFrameFile.Expected("historique-hc-single-phase").ToDictionary(e => e.Quantity, e => e.Value);
        Gen.Select(Gen.Int[1, frame.Length - 1], Gen.Byte.Array[1, 8]).Sample((at, noise) =>
        {
            var stream = frame[..at].Concat(noise).Concat(frame[at..]).ToArray();
            var readings = new List<Protocol.Messages.Reading>();
            new TicFrameAssembler().Feed(stream, body => readings.AddRange(TicReadings.From(TicFrameParser.Parse(body, TicMode.Historique)).Readings));
            return readings.All(r => truth.TryGetValue(r.Quantity, out var v) && Math.Abs(v - r.Value) < 1e-9);
        }, iter: 5000);
    }
}
