using Slipway.Notes.Ai;

namespace Slipway.Tests.Notes;

public sealed class ReferenceGuardTests
{
    private const string Input = "## Pull requests\n\n- add widgets (#12)\n- fix GH-40 crash (#13)\nsee https://github.com/acme/demo/issues/77\n";

    [Fact]
    public void References_given_in_the_input_pass()
    {
        var reply = "## What changed\n\nWidgets (#12) and a crash fix (GH-13, [#40](https://github.com/acme/demo/pull/40)); issue #77.\n### Details\n";

        Assert.Empty(ReferenceGuard.Invented(reply, Input, "acme/demo"));
    }

    [Fact]
    public void Every_invented_reference_is_named()
    {
        var reply = "Fixed #999, GH-1000 and https://github.com/acme/demo/pull/1001; also #12.";

        Assert.Equal(["#999", "GH-1000", "https://github.com/acme/demo/pull/1001"], ReferenceGuard.Invented(reply, Input, "acme/demo"));
    }

    [Fact]
    public void Another_repositorys_url_headings_and_html_entities_are_not_references()
    {
        var reply = "## Title\n### Sub\nUpstream https://github.com/other/lib/issues/5 fixed it &#39;quoted&#39; color #fff.";

        Assert.Empty(ReferenceGuard.Invented(reply, Input, "acme/demo"));
    }
}
