using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Server.Tests.Vocabulary;

/// <summary>
/// The rule of <see cref="VocabularyLiteralsTests"/> for the field side: gateway/ and firmware-host/ name quantities,
/// device kinds and roles only through protocol's constants too.
/// </summary>
public sealed class FieldVocabularyLiteralsTests
{
    /// <summary>
    /// Literals that spell a vocabulary word without meaning it, as "file|literal", with why. Anything else is a finding.
    /// </summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        // The w1 sysfs file a DS18B20 driver exposes is named "temperature" by the Linux kernel, not by our contract.
        "firmware-host/Lustrac.Energy.FirmwareHost/Ds18b20/Ds18b20Probe.cs|temperature",
        // Labels of random streams (seed mixing): renaming them would change every emulated voltage.
        "firmware-host/Lustrac.Energy.FirmwareHost/LinkyTic/LinkyMeterModel.cs|voltage",
        "firmware-host/Lustrac.Energy.FirmwareHost/Sdm630/GridMeterModel.cs|voltage",
        "firmware-host/Lustrac.Energy.FirmwareHost/SunSpec/PvInverterModel.cs|voltage",
        // The site file's setting 'scale' (kg per count) of a Modbus scale, a settings key rather than the device kind.
        "gateway/Lustrac.Energy.Gateway/Scale/ModbusScale.cs|scale",
    };

    [Theory]
    [InlineData("gateway")]
    [InlineData("firmware-host")]
    public void Field_code_names_quantities_device_kinds_and_roles_only_through_protocol_constants(string folder)
    {
        var root = Path.Combine(RepositoryPaths.Root, folder);
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f)).ToList();
        Assert.True(files.Count > 20, $"only {files.Count} .cs files under {root}: is this the repository?");

        var found = files
            .SelectMany(f => CSharpStringLiterals.Of(File.ReadAllText(f))
                .Where(l => VocabularyLiteralsTests.Vocabulary.Contains(l.Text))
                .Select(l => (File: Relative(f), l.Line, l.Text)))
            .Where(hit => !Allowed.Contains($"{hit.File}|{hit.Text}"))
            .Select(hit => $"{hit.File}:{hit.Line}: \"{hit.Text}\"")
            .ToList();
        Assert.True(found.Count == 0,
            "Use QuantityNames, DeviceKinds or Roles (protocol/) instead of these literals:\n" + string.Join("\n", found));
    }

    [Fact]
    public void Every_allowed_literal_is_still_there_so_the_list_cannot_go_stale()
    {
        foreach (var entry in Allowed)
        {
            var (file, literal) = (entry.Split('|')[0], entry.Split('|')[1]);
            var literals = CSharpStringLiterals.Of(File.ReadAllText(Path.Combine(RepositoryPaths.Root, file)));
            Assert.True(literals.Any(l => l.Text == literal), $"{file} no longer holds \"{literal}\": remove it from Allowed");
        }
    }

    private static string Relative(string path) => Path.GetRelativePath(RepositoryPaths.Root, path).Replace('\\', '/');

    private static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");
}
