namespace AdversarialSampling.Committees;

/// <summary>One file of a saved committee as listed in committee.json.</summary>
/// <param name="Role">What the file holds ("weights").</param>
/// <param name="Name">File name inside the committee directory (no directory part).</param>
/// <param name="Bytes">Exact length in bytes.</param>
/// <param name="Sha256">Lower-case hexadecimal SHA-256 of the content.</param>
internal sealed record CommitteeManifestFile(string Role, string Name, long Bytes, string Sha256);
