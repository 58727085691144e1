namespace CircularPartners.DataSpace.Domain.Goals.Import;

/// <summary>One problem with one row of an import file.</summary>
/// <param name="Line">Line in the file; the header is line 1.</param>
/// <param name="Key">The row's participant or goal id, when it has one.</param>
/// <param name="Field">The column at fault.</param>
public sealed record RefusedRow(int Line, string Key, string Field, string Reason);

/// <summary>What an import did: rows created, updated, unchanged, and refused with why.</summary>
public sealed record ImportReport(int Rows, int Created, int Updated, int Unchanged, int Refused, IReadOnlyList<RefusedRow> Problems, bool DryRun);

/// <summary>Tallies an import as its rows are decided.</summary>
internal sealed class ImportTally
{
    private readonly List<RefusedRow> _problems = [];
    private readonly HashSet<int> _refusedLines = [];

    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }

    public void Refuse(int line, string key, string field, string reason)
    {
        _problems.Add(new RefusedRow(line, key, field, reason));
        _refusedLines.Add(line);
    }

    public ImportReport Report(int rows, bool dryRun) => new(rows, Created, Updated, Unchanged, _refusedLines.Count, [.. _problems], dryRun);
}
