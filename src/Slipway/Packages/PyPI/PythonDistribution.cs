namespace Slipway.Packages.PyPI;

/// <summary>
/// What a wheel or an sdist declares, as the upload form needs it: <c>filetype</c> (<c>bdist_wheel</c> or
/// <c>sdist</c>), <c>pyversion</c> (the wheel's python tag, <c>source</c> for an sdist) and the core metadata fields.
/// </summary>
internal sealed record PythonDistribution(string FileType, string PyVersion, string Name, string Version, IReadOnlyList<UploadField> MetadataFields);
