namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// Bad input the user can fix (a missing file, an unreadable credential, an invalid URL):
/// reported as one line on stderr with exit code <see cref="ExitCodes.Usage"/>.
/// </summary>
internal sealed class CliUsageException(string message) : Exception(message);
