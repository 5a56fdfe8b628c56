using Lustrac.Energy.Protocol.Messages;

namespace Lustrac.Energy.Server.Storage;

/// <summary>
/// One reading as stored. Its identity is (Device, Quantity, Time): writing the same identity again
/// overwrites, so replays and duplicates never add (architecture decision 3). Household, asset and role
/// come from the site model at ingest so queries can group by them.
/// </summary>
public sealed record StoredReading(
    string Site,
    string Gateway,
    string Device,
    string Role,
    string? Household,
    string? Asset,
    string Quantity,
    string Unit,
    DateTimeOffset Time,
    double Value,
    ReadingQuality Quality,
    ulong Seq);
