using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// The state of one IEC 62474 import: the document, the body being written and which source
/// values are already reported, so that the final sweep (<see cref="Iec62474Reasons"/>) reports
/// each value nothing mapped or dropped, and none twice by accident.
/// </summary>
internal sealed class Iec62474Mapping(Iec62474Document document)
{
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    public Iec62474Document Document { get; } = document;

    public BodyWriter Writer { get; } = new();

    public bool IsReported(string pointer) => _reported.Contains(pointer);

    public static IEnumerable<XElement> Children(XElement? element, string name) =>
        element?.Elements(Iec62474Document.Ns + name) ?? [];

    public static XElement? Child(XElement? element, string name) => element?.Element(Iec62474Document.Ns + name);

    /// <summary>Maps an attribute's value (or <paramref name="value"/> derived from it); an empty attribute is dropped as empty.</summary>
    public void Map(XAttribute? attribute, string target, JsonNode? value = null)
    {
        if (attribute is null)
        {
            return;
        }
        var pointer = Document.Pointer(attribute);
        _reported.Add(pointer);
        if (value is null && attribute.Value.Trim().Length == 0)
        {
            Writer.Drop(pointer, "empty value");
            return;
        }
        Writer.Map(pointer, target, value ?? attribute.Value.Trim());
    }

    public void MapAlso(XAttribute? attribute, string target)
    {
        if (attribute is not null)
        {
            _reported.Add(Document.Pointer(attribute));
            Writer.MapAlso(Document.Pointer(attribute), target);
        }
    }

    public void Drop(XAttribute? attribute, string reason)
    {
        if (attribute is not null)
        {
            _reported.Add(Document.Pointer(attribute));
            Writer.Drop(Document.Pointer(attribute), reason);
        }
    }

    /// <summary>Drops every value in <paramref name="element"/> and below not yet reported, for one reason.</summary>
    public void DropAll(XElement? element, string reason)
    {
        foreach (var e in element?.DescendantsAndSelf() ?? [])
        {
            Sweep(e, _ => reason);
        }
    }

    /// <summary>Drops, with <paramref name="reason"/>'s reason, every attribute and text of <paramref name="element"/> itself not yet reported.</summary>
    public void Sweep(XElement element, Func<string, string> reason)
    {
        foreach (var attribute in Iec62474Document.DataAttributes(element).Where(a => !IsReported(Document.Pointer(a))))
        {
            Drop(attribute, reason(Iec62474Document.Name(attribute)));
        }
        var text = Iec62474Document.TextPointer(Document.Pointer(element));
        if (Iec62474Document.Text(element) is not null && _reported.Add(text))
        {
            Writer.Drop(text, reason("text()"));
        }
    }

    /// <summary>A Mass element as kg at <paramref name="target"/>; its unit attribute is reported as converted.</summary>
    public void MapMassKg(XElement? mass, string target)
    {
        if (mass is null)
        {
            return;
        }
        var unit = mass.Attribute("unitOfMeasure");
        var kg = Iec62474Values.Kilograms(mass.Attribute("mass")?.Value ?? "", unit?.Value);
        if (kg is null)
        {
            Drop(mass.Attribute("mass"), "not a mass of 0 or more in mg, g or kg");
        }
        else
        {
            Map(mass.Attribute("mass"), target, kg.Value);
        }
        Drop(unit, $"the unit ({unit?.Value}) of the mass: converted to kg for {target}");
    }

    /// <summary>A number attribute (e.g. a percentage) at <paramref name="target"/>.</summary>
    public void MapNumber(XAttribute? attribute, string target)
    {
        if (attribute is null)
        {
            return;
        }
        if (Iec62474Values.Number(attribute.Value) is { } number)
        {
            Map(attribute, target, number);
        }
        else
        {
            Drop(attribute, "not a number");
        }
    }
}
