using Azure;
using CircularPartners.DataSpace.Storage.AzureBlob;

namespace CircularPartners.DataSpace.Tests.Storage;

/// <summary>
/// The service quotes ETags in upload and download responses but not in listings; a replica that
/// compared them as they come re-downloaded every sharing blob on every poll.
/// </summary>
public sealed class SharingViewTests
{
    // A name outside the record prefixes: only the ETag bookkeeping is under test.
    private const string Name = "elsewhere/blob-1.json";

    [Fact]
    public void IsCurrent_ListingUnquoted_AfterQuotedUpload_IsTheSameVersion()
    {
        var view = new SharingView();
        view.Apply(Name, "{}"u8, new ETag("\"0x8DD2F1A2B3C4D5E\""));

        Assert.True(view.IsCurrent(Name, new ETag("0x8DD2F1A2B3C4D5E")));
        Assert.True(view.IsCurrent(Name, new ETag("\"0x8DD2F1A2B3C4D5E\"")));
        Assert.False(view.IsCurrent(Name, new ETag("0x8DD2F1A2B3C4D5F")));
        Assert.False(view.IsCurrent("elsewhere/never-seen.json", new ETag("0x8DD2F1A2B3C4D5E")));
    }

    [Fact]
    public void ApplyIfUnchanged_SeenUnquoted_TakesInTheDownload()
    {
        var view = new SharingView();
        view.Apply(Name, "{}"u8, new ETag("\"0x1\""));

        view.ApplyIfUnchanged(Name, view.KnownETag(Name), "{}"u8, new ETag("\"0x2\""));

        Assert.True(view.IsCurrent(Name, new ETag("0x2")));
    }
}
