using System.Reflection;
using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Server.Tests.Vocabulary;

/// <summary>
/// protocol/ owns every vocabulary: a quantity name, device kind or role written as a string literal in server code
/// would drift from the contract unseen, so the server names them only through protocol's constants.
/// </summary>
public sealed class VocabularyLiteralsTests
{
    /// <summary>Files allowed a vocabulary literal, with why. Empty: keep it so.</summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> Vocabulary = Constants(typeof(QuantityNames))
        .Concat(DeviceKinds.All).Concat(Constants(typeof(Roles))).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Server_code_names_quantities_device_kinds_and_roles_only_through_protocol_constants()
    {
        var server = Path.Combine(RepositoryPaths.Root, "server");
        var files = Directory.EnumerateFiles(server, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f)).ToList();
        Assert.True(files.Count > 50, $"only {files.Count} .cs files under {server}: is this the repository?");

        var found = files
            .Where(f => !Allowed.Contains(Path.GetRelativePath(RepositoryPaths.Root, f).Replace('\\', '/')))
            .SelectMany(f => CSharpStringLiterals.Of(File.ReadAllText(f))
                .Where(l => Vocabulary.Contains(l.Text))
                .Select(l => $"{Path.GetRelativePath(RepositoryPaths.Root, f)}:{l.Line}: \"{l.Text}\""))
            .ToList();
        Assert.True(found.Count == 0,
            "Use QuantityNames, DeviceKinds or Roles (protocol/) instead of these literals:\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_scan_finds_a_literal_in_code_and_ignores_comments_char_literals_and_prose()
    {
        const string source = """
            // "energy_import" in a comment
            /// <summary>"energy_export" in a doc comment</summary>
            /* "mass" in a block comment */
            var quote = '"'; var other = '\'';
            var message = "the energy_import counter";
            var q = "energy_produced";
            var v = @"sdm630";
            var i = $"{(ok ? "tank_level" : "none")} and {{braces}}";
            """;
        var literals = CSharpStringLiterals.Of(source);

        Assert.Equal(["energy_produced@6", "sdm630@7", "tank_level@8"],
            literals.Where(l => Vocabulary.Contains(l.Text)).Select(l => $"{l.Text}@{l.Line}"));
        Assert.Contains(literals, l => l.Text == "the energy_import counter");
        Assert.DoesNotContain(literals, l => l.Text.Contains("energy_export") || l.Text == "mass" || l.Text == "energy_import");
    }

    [Fact]
    public void The_vocabulary_holds_every_quantity_kind_and_role_of_the_contract()
    {
        Assert.Equal(QuantityVocabulary.All.Select(q => q.Name).Order(), Constants(typeof(QuantityNames)).Order());
        Assert.Equal(DeviceCatalog.RolesByKind.Keys.Order(), DeviceKinds.All.Order());
        Assert.Equal(12, DeviceKinds.All.Count);
        Assert.Contains("energy_import", Vocabulary);
        Assert.Contains("tank_level_ultrasonic", Vocabulary);
        Assert.Contains("compost_scale", Vocabulary);
    }

    private static IEnumerable<string> Constants(Type type) => type.GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!);

    private static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");
}
