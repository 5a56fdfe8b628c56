using Lustrac.Energy.Testing;

namespace Lustrac.Energy.WallScreen.Tests;

[CollectionDefinition(Name)]
public sealed class SharedServicesCollection : ICollectionFixture<SharedServices>
{
    public const string Name = "real mosquitto and influxdb";
}
