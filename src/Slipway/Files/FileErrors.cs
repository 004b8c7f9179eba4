using Slipway.Diagnostics;

namespace Slipway.Files;

/// <summary>Every user-facing message about files read or written on a path from the repository, in one place.</summary>
internal static class FileErrors
{
    private const string RegularFileHint = "a file Slipway reads from the repository must be a regular file inside it; replace the link with the file itself";

    public static SlipwayException Refused(string display, FileRefusal refusal, string? sizeHint) => refusal.Kind switch
    {
        FileRefusalKind.Outside => SlipwayException.Input(
            ErrorCode.FileOutsideRepository, $"{display} leads to {refusal.Target}, {refusal.Detail}", RegularFileHint),
        FileRefusalKind.NotRegular => SlipwayException.Input(
            ErrorCode.FileNotRegular, $"{display} {Leads(refusal)} {refusal.Detail}, not a regular file", RegularFileHint),
        FileRefusalKind.TooLarge => SlipwayException.Input(
            ErrorCode.FileTooLarge, $"{display} holds more than {refusal.Detail}, the most Slipway reads from it", sizeHint),
        FileRefusalKind.Missing => SlipwayException.Input(
            ErrorCode.FileUnreadable, $"{display} is a link to {refusal.Target}, which does not exist"),
        _ => SlipwayException.Input(ErrorCode.FileUnreadable, $"{display}: cannot read it: {refusal.Detail}"),
    };

    public static SlipwayException OutputOutside(string display, string origin, string target, FileBoundary boundary) =>
        SlipwayException.Input(
            ErrorCode.OutputPathOutsideRepository,
            $"{display} (from {origin}) leads to {target}, outside {boundary.Description}: Slipway writes only inside it",
            "write a path inside the repository, without '..' or links that leave it");

    public static SlipwayException OutputLinkLoop(string display, string origin) =>
        SlipwayException.Input(ErrorCode.OutputPathOutsideRepository, $"{display} (from {origin}): its links form a loop");

    public static SlipwayException OutputNotRegular(string display, string origin, string target, FileKind kind) =>
        SlipwayException.Input(
            ErrorCode.FileNotRegular,
            $"{display} (from {origin}) leads to {target}, which is {FileKinds.Describe(kind)}; Slipway cannot write there");

    private static string Leads(FileRefusal refusal) => refusal.ThroughLink ? $"leads to {refusal.Target}, which is" : "is";
}
