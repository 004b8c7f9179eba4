using Slipway.Ci;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Pipeline;

namespace Slipway.Tests.Ci;

/// <summary>How the step graph becomes jobs: which steps share a job, and what each job may touch.</summary>
public sealed class GitHubJobPlannerTests
{
    private const string Toml = """
        [project]
        name = "demo"
        version = { git-tag = true }

        [[gate]]
        name = "tests"
        command = "true"
        env = { NUGET_KEY = "env:NUGET_KEY" }

        [build]
        command = "./build.sh"

        [signing]
        key = "env:SIGNING_KEY"

        [scan]
        command = "trivy image --format json {image}@{digest}"

        [approval]
        approvers = ["alice"]

        [[registry]]
        host = "ghcr.io"
        username = "acme"
        password = "env:REGISTRY_TOKEN"

        [state]
        store = "postgres:Host=db;Database=slipway"
        password = "env:DB_PASSWORD"

        [changelog]
        filename = "CHANGELOG.md"

        """;

    private static IReadOnlyList<WorkflowJob> Plan(string toml)
    {
        var config = ConfigLoader.Parse(toml, "/repo/slipway.toml", "/repo", new DictionaryEnvironment(), new SecretRedactor());
        return GitHubJobPlanner.Plan(config, ReleaseComposition.Graph(config));
    }

    private static WorkflowJob JobOf(IReadOnlyList<WorkflowJob> jobs, string step) => jobs.Single(j => j.Steps.Contains(step));

    private const string SingleImage = "[[image]]\nrepository = \"ghcr.io/acme/demo\"\nlayout = \"artifacts/oci\"\n";

    [Fact]
    public void Trivial_steps_join_the_job_they_follow_and_the_rest_run_in_jobs_of_their_own()
    {
        var jobs = Plan(Toml + SingleImage);
        Assert.Equal([StepNames.DetectVersion, StepNames.Preflight], JobOf(jobs, StepNames.DetectVersion).Steps);
        Assert.Equal([StepNames.CreateRelease, StepNames.FinalizeChangelog], JobOf(jobs, StepNames.CreateRelease).Steps);
        Assert.Equal([StepNames.Scan], JobOf(jobs, StepNames.Scan).Steps);
        Assert.Equal([StepNames.AttestProvenance], JobOf(jobs, StepNames.AttestProvenance).Steps);

        // No [sbom] command: attest-sbom only records itself as skipped, in the job of sign, and the name says what runs.
        Assert.Equal([StepNames.Sign, StepNames.AttestSbom], JobOf(jobs, StepNames.Sign).Steps);
        Assert.Equal(StepNames.Sign, JobOf(jobs, StepNames.Sign).Name);
        Assert.Equal([StepNames.AttestSbom], JobOf(jobs, StepNames.Sign).Skipped);
    }

    [Fact]
    public void Only_the_publish_packages_job_may_request_an_ID_token_and_only_for_trusted_publishing()
    {
        const string Packages = "[[package]]\nkind = \"npm\"\nfiles = [\"out/*.tgz\"]\ntoken = \"env:NPM_TOKEN\"\n\n[[package]]\nkind = \"pypi\"\nfiles = [\"dist/*.whl\"]\n";
        var trusted = Plan(Toml + SingleImage + Packages + "trusted-publishing = true\n");
        var tokens = Plan(Toml + SingleImage + Packages + "token = \"env:PYPI_TOKEN\"\n");

        Assert.Equal([JobOf(trusted, StepNames.PublishPackages)], trusted.Where(j => j.Permissions.ContainsKey("id-token")));
        Assert.Equal("write", JobOf(trusted, StepNames.PublishPackages).Permissions["id-token"]);
        Assert.All(tokens, j => Assert.DoesNotContain("id-token", j.Permissions.Keys));
    }

    [Fact]
    public void In_keyless_mode_the_signing_jobs_alone_may_request_an_ID_token()
    {
        var keyless = Plan(Toml.Replace("key = \"env:SIGNING_KEY\"", "mode = \"keyless\"", StringComparison.Ordinal) + SingleImage);

        var signing = new[] { StepNames.Sign, StepNames.AttestSbom, StepNames.AttestProvenance }.Select(s => JobOf(keyless, s)).Distinct().ToList();
        Assert.Equal(signing, keyless.Where(j => j.Permissions.ContainsKey("id-token")));
        Assert.All(signing, j => Assert.Equal("write", j.Permissions["id-token"]));
        Assert.DoesNotContain(keyless, j => j.Secrets.Contains("SIGNING_KEY"));
    }

    [Fact]
    public void Each_job_gets_only_the_permissions_and_secrets_its_steps_use()
    {
        var jobs = Plan(Toml + SingleImage);
        Assert.All(jobs, j => Assert.Contains("DB_PASSWORD", j.Secrets));
        Assert.All(jobs, j => Assert.DoesNotContain("id-token", j.Permissions.Keys));
        Assert.Equal(["write"], jobs.Where(j => j.Permissions["contents"] == "write").Select(j => j.Permissions["contents"]));
        Assert.Equal(JobOf(jobs, StepNames.CreateRelease), jobs.Single(j => j.Permissions["contents"] == "write"));

        Assert.Equal(
            [.. new[] { StepNames.Sign, StepNames.AttestProvenance, StepNames.PromoteImages }.Select(s => JobOf(jobs, s).Id)],
            jobs.Where(j => j.Secrets.Contains("SIGNING_KEY")).Select(j => j.Id));
        Assert.Equal([JobOf(jobs, StepNames.Gates).Id], jobs.Where(j => j.Secrets.Contains("NUGET_KEY")).Select(j => j.Id));
        Assert.DoesNotContain("REGISTRY_TOKEN", JobOf(jobs, StepNames.Gates).Secrets);
        Assert.DoesNotContain("REGISTRY_TOKEN", JobOf(jobs, StepNames.Build).Secrets);
        Assert.Contains("REGISTRY_TOKEN", JobOf(jobs, StepNames.PushPrerelease).Secrets);

        Assert.Equal("write", JobOf(jobs, StepNames.PushPrerelease).Permissions["packages"]);
        Assert.Equal("read", JobOf(jobs, StepNames.Scan).Permissions["packages"]);
        Assert.DoesNotContain("packages", JobOf(jobs, StepNames.Gates).Permissions.Keys);
        Assert.DoesNotContain("packages", JobOf(jobs, StepNames.Build).Permissions.Keys);
        Assert.True(JobOf(jobs, StepNames.Approval).WaitsForApproval);
        Assert.Null(JobOf(jobs, StepNames.Approval).Environment);
    }

    [Fact]
    public void Images_outside_ghcr_need_no_packages_permission()
    {
        var jobs = Plan(Toml.Replace("ghcr.io", "registry.example.com", StringComparison.Ordinal) + SingleImage.Replace("ghcr.io", "registry.example.com", StringComparison.Ordinal));
        Assert.All(jobs, j => Assert.DoesNotContain("packages", j.Permissions.Keys));
    }

    [Fact]
    public void The_build_output_goes_from_the_build_job_to_the_push_job_with_paths_from_the_repository_root()
    {
        var jobs = Plan(Toml + SingleImage);
        var upload = JobOf(jobs, StepNames.Build).Uploads!;
        Assert.Equal(("build-output", "."), (upload.Name, upload.Root));
        Assert.Equal(["slipway.toml", "artifacts/oci"], upload.Paths);
        Assert.Equal([upload], JobOf(jobs, StepNames.PushPrerelease).Downloads);
        Assert.Empty(JobOf(jobs, StepNames.Sign).Downloads);
    }

    [Fact]
    public void Per_platform_layouts_build_in_a_job_per_platform_that_every_dependent_of_build_needs()
    {
        var jobs = Plan(
            Toml + "[[image]]\nrepository = \"ghcr.io/acme/demo\"\nlayouts = { \"linux/amd64\" = \"out/amd64\", \"linux/arm64/v8\" = \"out/arm64\" }\n"
            + "[ci.github.platforms]\n\"linux/arm64/v8\" = { runs-on = \"ubuntu-24.04-arm\" }\n");
        var builds = jobs.Where(j => j.Steps.Contains(StepNames.Build)).ToList();
        Assert.Equal(["build-linux-amd64", "build-linux-arm64"], builds.Select(b => b.Id));
        Assert.Equal(["ubuntu-latest", "ubuntu-24.04-arm"], builds.Select(b => b.RunsOn));
        Assert.Equal(["build (linux/amd64)", "build (linux/arm64)"], builds.Select(b => b.Name));
        Assert.All(builds, b => Assert.Contains("REGISTRY_TOKEN", b.Secrets));
        Assert.All(builds, b => Assert.Equal("write", b.Permissions["packages"]));
        Assert.Equal(["build-output-linux-amd64", "build-output-linux-arm64"], builds.Select(b => b.Uploads!.Name));
        Assert.Equal(["slipway.toml", "out/arm64"], builds[1].Uploads!.Paths);
        foreach (var step in new[] { StepNames.PushPrerelease, StepNames.Approval })
        {
            Assert.Superset(new HashSet<string>(builds.Select(b => b.Id)), new HashSet<string>(JobOf(jobs, step).Needs));
        }
    }

    [Fact]
    public void An_approval_environment_gates_the_approval_job_which_may_read_who_approved()
    {
        var jobs = Plan(Toml + SingleImage + "[ci.github]\napproval-environment = \"release\"\ntimeout-minutes = 20\n");
        var approval = JobOf(jobs, StepNames.Approval);
        Assert.Equal("release", approval.Environment);
        Assert.False(approval.WaitsForApproval);
        Assert.Equal("read", approval.Permissions["actions"]);
        Assert.Equal(20, approval.TimeoutMinutes);
        Assert.All(jobs.Where(j => j != approval), j => Assert.DoesNotContain("actions", j.Permissions.Keys));
    }
}
