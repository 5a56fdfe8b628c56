using System.Globalization;
using Microsoft.Extensions.Options;

namespace Lustrac.Energy.Protocol.Startup;

/// <summary>
/// Collects the problems of one settings section for an <see cref="IValidateOptions{TOptions}"/> validator, each
/// message naming the setting as it is written in a configuration file (<c>Mqtt:MaxBatchReadings</c>), its bad value,
/// and what to put there instead, so the person installing the component can fix it without reading code.
/// </summary>
public sealed class SettingProblems(string section)
{
    private readonly List<string> _found = [];

    public IReadOnlyList<string> Found => _found;

    /// <summary>E.g. "Mqtt:MaxBatchReadings is 0; use a number of readings between 1 and 100000 (default 5000)." NaN is out of range.</summary>
    /// <param name="what">What the number counts, with its article: "a number of seconds", "a TCP port".</param>
    public SettingProblems Between(string key, double value, double min, double max, string what, double @default)
    {
        if (!(value >= min && value <= max))
            _found.Add($"{section}:{key} is {Show(value)}; use {what} between {Show(min)} and {Show(max)} (default {Show(@default)}).");
        return this;
    }

    /// <summary>A text setting that may not be empty; <paramref name="hint"/> says what to put there.</summary>
    public SettingProblems NotEmpty(string key, string? value, string hint)
    {
        if (string.IsNullOrWhiteSpace(value)) _found.Add($"{section}:{key} is empty; {hint}");
        return this;
    }

    /// <summary>Any other rule: when <paramref name="ok"/> is false, <paramref name="problem"/> follows the setting's name.</summary>
    public SettingProblems Check(bool ok, string key, string problem)
    {
        if (!ok) _found.Add($"{section}:{key} {problem}");
        return this;
    }

    public ValidateOptionsResult Result() =>
        _found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_found);

    public static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);
}
