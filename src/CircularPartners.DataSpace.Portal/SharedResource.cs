namespace CircularPartners.DataSpace.Portal;

/// <summary>The portal's one resource set (Resources/SharedResource.resx is Japanese, .en.resx English).</summary>
internal sealed class SharedResource;
