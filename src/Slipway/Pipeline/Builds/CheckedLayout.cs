using Slipway.Oci;

namespace Slipway.Pipeline.Builds;

/// <summary>A layout read and checked for use: the layout, the push plan of the manifest taken from it, and its record.</summary>
public sealed record CheckedLayout(OciLayout Layout, PushPlan Plan, LayoutRecord Record);
