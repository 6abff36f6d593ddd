namespace AdversarialSampling.Committees;

/// <summary>
/// Where <see cref="CommitteeTrainer"/> keeps its <see cref="TrainingState"/> between epochs, so that training
/// interrupted by a crash or cancellation continues from the last saved epoch (the loop's run store implements it).
/// </summary>
internal interface ITrainingStateStore
{
    /// <summary>Least time between two saves: <see cref="TimeSpan.Zero"/> saves after every epoch.</summary>
    TimeSpan Interval { get; }

    /// <summary>The last saved state, or null if there is none or it cannot be read (the store logs why).</summary>
    byte[]? Load();

    /// <summary>Saves a state atomically (replacing the previous one only once the new one is durable).</summary>
    /// <param name="state">The serialized state.</param>
    /// <param name="epoch">Completed epochs it holds.</param>
    void Save(byte[] state, int epoch);
}
