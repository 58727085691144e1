using System.Xml;
using System.Xml.Linq;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// An IEC 62474 declaration read safely: no DTD (so no entity expansion, no external entity, no
/// billion laughs), no resolver (nothing fetched), at most <see cref="MaxCharacters"/> characters and
/// <see cref="MaxDepth"/> levels. Every element and attribute has a pointer in the mapping report,
/// an XPath with 1-based positions among same-named siblings
/// (<c>/Main/Product[1]/Composition[1]/ProductPart[2]/Material[1]/@name</c>).
/// </summary>
internal sealed class Iec62474Document
{
    public static readonly XNamespace Ns = "http://std.iec.ch/iec62474";
    public const int MaxCharacters = 64 * 1024 * 1024;
    public const int MaxDepth = 64;

    private readonly Dictionary<XElement, string> _pointers = [];

    private Iec62474Document(XElement root)
    {
        Root = root;
        Index(root, "/" + root.Name.LocalName);
    }

    public XElement Root { get; }

    public static Iec62474Document Load(string text)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxCharacters,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            // Depth is checked while reading, before a tree is built, so a deeply nested document costs nothing.
            using (var probe = XmlReader.Create(new StringReader(text), settings))
            {
                while (probe.Read())
                {
                    if (probe.Depth > MaxDepth)
                    {
                        throw Refused("depth", $"The source nests elements deeper than {MaxDepth} levels (line {((IXmlLineInfo)probe).LineNumber}); an IEC 62474 declaration needs far fewer.");
                    }
                }
            }
            using var reader = XmlReader.Create(new StringReader(text), settings);
            return new Iec62474Document(XDocument.Load(reader, LoadOptions.None).Root!);
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw Refused("dtd", $"The source declares a DTD (<!DOCTYPE>, line {ex.LineNumber}); IEC 62474 documents have none, and it is refused so that no entity is expanded or fetched (XXE, billion laughs).");
        }
        catch (XmlException ex) when (ex.Message.Contains("MaxCharacters", StringComparison.Ordinal))
        {
            throw Refused("size", $"The source is larger than {MaxCharacters} characters.");
        }
        catch (XmlException ex)
        {
            throw Refused("xml", $"The source is not well-formed XML (line {ex.LineNumber}, position {ex.LinePosition}).");
        }
    }

    public static PassportValidationException Refused(string rule, string message) => new(message, [new Violation("source", rule, message)]);

    public string Pointer(XElement element) => _pointers[element];

    public string Pointer(XAttribute attribute) => $"{_pointers[attribute.Parent!]}/@{Name(attribute)}";

    public static string TextPointer(string elementPointer) => elementPointer + "/text()";

    /// <summary>An attribute's name as the report writes it: with its prefix when it is in a namespace (<c>xsi:schemaLocation</c>).</summary>
    public static string Name(XAttribute attribute) =>
        attribute.Name.Namespace == XNamespace.None ? attribute.Name.LocalName
        : $"{attribute.Parent?.GetPrefixOfNamespace(attribute.Name.Namespace) ?? attribute.Name.NamespaceName}:{attribute.Name.LocalName}";

    /// <summary>The data attributes of an element (namespace declarations are not data).</summary>
    public static IEnumerable<XAttribute> DataAttributes(XElement element) => element.Attributes().Where(a => !a.IsNamespaceDeclaration);

    /// <summary>Non-whitespace text directly inside an element.</summary>
    public static string? Text(XElement element)
    {
        var text = string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value)).Trim();
        return text.Length == 0 ? null : text;
    }

    private void Index(XElement element, string pointer)
    {
        _pointers[element] = pointer;
        var seen = new Dictionary<XName, int>();
        foreach (var child in element.Elements())
        {
            seen[child.Name] = seen.GetValueOrDefault(child.Name) + 1;
            Index(child, $"{pointer}/{child.Name.LocalName}[{seen[child.Name]}]");
        }
    }
}
