namespace Lustrac.Energy.Protocol.Startup;

/// <summary>A configuration problem that must stop start-up; its message is for the person who installs or runs the component.</summary>
public sealed class StartupException(string message) : Exception(message);
