namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// IEC 62474 XML material declarations (the neutral format for chemical content, also written by
/// chemSHERPA-AI) to <c>cmp/2.0</c>. The source is read without DTDs or resolvers, within size and
/// depth limits, checked against the schema's structure, mapped, and every value no mapping took
/// is dropped with its reason.
/// </summary>
internal sealed class Iec62474Import : IPassportImporter
{
    public string Format => "iec62474";

    public string Description => "IEC 62474 XML material declaration";

    public ImportedBody Import(string text, List<string> notes)
    {
        var document = Iec62474Document.Load(text);
        Iec62474Structure.Check(document, notes);
        var mapping = new Iec62474Mapping(document);
        var products = Iec62474Mapping.Children(document.Root, "Product").ToList();
        Iec62474Header.Map(mapping, products[0]);
        Iec62474Composition.Map(mapping, products[0]);
        foreach (var other in products.Skip(1))
        {
            mapping.DropAll(other, "a further product of the declaration: one passport is one product (import each product's declaration on its own)");
        }
        Iec62474Reasons.SweepAll(mapping);
        return new ImportedBody(mapping.Writer, "cmp/2.0");
    }
}
