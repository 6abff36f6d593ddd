// The SLURM tests run bash fakes and a Linux cluster.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
