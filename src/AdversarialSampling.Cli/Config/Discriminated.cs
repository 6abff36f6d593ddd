namespace AdversarialSampling.Cli.Config;

/// <summary>Reads an object whose kind is chosen by a discriminator key (e.g. <c>"type": "gradient"</c>).</summary>
internal static class Discriminated
{
    /// <summary>Reads the discriminator, then lets the matching reader read (and finish) the object.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="o">The object.</param>
    /// <param name="key">The discriminator key.</param>
    /// <param name="readers">Name → reader.</param>
    /// <param name="finish">Whether to report the object's unread keys after a known kind was read (false for a discriminator nested in another).</param>
    /// <returns>The result, or null (problems recorded).</returns>
    public static T? Read<T>(ConfigObject o, string key, IReadOnlyList<KeyValuePair<string, Func<ConfigObject, T?>>> readers, bool finish = true)
        where T : class
        => Read(o, key, readers, finish, out _);

    /// <summary>As <see cref="Read{T}(ConfigObject, string, IReadOnlyList{KeyValuePair{string, Func{ConfigObject, T}}}, bool)"/>, also saying whether the kind was known.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="o">The object.</param>
    /// <param name="key">The discriminator key.</param>
    /// <param name="readers">Name → reader.</param>
    /// <param name="finish">Whether to report the object's unread keys after a known kind was read.</param>
    /// <param name="known">Whether the discriminator named a known kind (its reader ran).</param>
    /// <returns>The result, or null (problems recorded).</returns>
    public static T? Read<T>(ConfigObject o, string key, IReadOnlyList<KeyValuePair<string, Func<ConfigObject, T?>>> readers, bool finish, out bool known)
        where T : class
    {
        known = false;
        if (!o.Require(key))
        {
            return null;
        }

        string? name = o.String(key);
        if (name is null)
        {
            return null;
        }

        foreach (var (type, read) in readers)
        {
            if (string.Equals(type, name, StringComparison.Ordinal))
            {
                known = true;
                var result = read(o);
                if (finish)
                {
                    o.Finish();
                }

                return result;
            }
        }

        o.Problem(key, $"unknown {key} \"{name}\"; expected one of: {string.Join(", ", readers.Select(r => r.Key))}.");
        return null;
    }
}
