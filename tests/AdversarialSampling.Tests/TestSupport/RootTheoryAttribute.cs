namespace AdversarialSampling.Tests.TestSupport;

/// <summary>
/// A test that mounts a file system (a small tmpfs), which needs root. CI runs the tests as root on a fresh machine;
/// elsewhere the test is skipped with this reason.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootTheoryAttribute : TheoryAttribute
{
    public RootTheoryAttribute()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Skip = "Needs root on Linux (it mounts a small tmpfs to fill the disk); CI runs the tests as root.";
        }
    }
}
