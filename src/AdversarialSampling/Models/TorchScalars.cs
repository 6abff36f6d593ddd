using System.Reflection;
using TorchSharp;
using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>
/// The library's only place that turns numbers into TorchSharp <see cref="Scalar"/>s, and the tensor operations that
/// need one, each keeping its <see cref="Scalar"/> reachable until libtorch has returned.
/// </summary>
/// <remarks>
/// <para>
/// TorchSharp 0.107 converts a number to a <see cref="Scalar"/> (an object whose finalizer frees its native value) in
/// many places: <c>tensor * 2.0</c>, <c>tensor + other</c> (the hidden <c>alpha = 1</c>), <c>square()</c>
/// (<c>pow(2)</c>), <c>add_(other)</c>, <c>softplus()</c>, <c>clamp_min(1e-12)</c>. It reads the handle and calls
/// libtorch without keeping the <see cref="Scalar"/> alive, so a garbage collection started by another thread during
/// the call can free the value while libtorch reads it: the call fails with <c>ExternalException: Unknown scalar
/// type</c> (seen twice in long double-well runs, in training) or reads garbage. The helpers here call the very
/// same libtorch functions with the very same argument types (results are bit-for-bit those of the operator they
/// replace), with constants held in static fields (never collected) and other values disposed after the call (so
/// they are reachable during it). A test (<c>TorchScalarSafetyTests</c>) scans the library's IL so that no other
/// code creates a <see cref="Scalar"/>, directly or through a TorchSharp method that does.
/// </para>
/// </remarks>
internal static class TorchScalars
{
    /// <summary>The integer 1 (TorchSharp's implicit <c>alpha</c> of <c>add</c>).</summary>
    internal static readonly Scalar IntOne = 1.ToScalar();

    /// <summary>The integer −1.</summary>
    internal static readonly Scalar IntMinusOne = (-1).ToScalar();

    /// <summary>The integer 2 (the exponent of TorchSharp's <c>square()</c>).</summary>
    internal static readonly Scalar IntTwo = 2.ToScalar();

    /// <summary>The integer 0.</summary>
    internal static readonly Scalar IntZero = 0.ToScalar();

    /// <summary>The double 0.0.</summary>
    internal static readonly Scalar Zero = 0.0.ToScalar();

    /// <summary>The double 1.0.</summary>
    internal static readonly Scalar One = 1.0.ToScalar();

    /// <summary>The double −∞.</summary>
    internal static readonly Scalar NegativeInfinity = double.NegativeInfinity.ToScalar();

    private static readonly Scalar SoftplusThreshold = 20.0.ToScalar();

    // TorchSharp's softplus(double beta, double threshold) converts both to temporary Scalars and calls this private
    // method; calling it with static Scalars (β = One) is the same libtorch call without the temporaries.
    private static readonly Func<Tensor, Scalar, Scalar, Tensor>? SoftplusWithScalars = FindSoftplusWithScalars();

    /// <summary>Whether <see cref="Softplus"/> reaches TorchSharp's Scalar overload (false: a TorchSharp version
    /// without it; the public, temporary-creating overload is used then).</summary>
    internal static bool SoftplusKeepsScalarsAlive => SoftplusWithScalars is not null;

    /// <summary>A <see cref="Scalar"/> of <paramref name="value"/>, to be disposed by the caller after the call that
    /// uses it (<c>using var s = TorchScalars.Of(x);</c>), or kept in a static field.</summary>
    internal static Scalar Of(double value) => value.ToScalar();

    /// <summary>a + b (as <c>a + b</c>: <c>add(b, alpha: 1)</c>).</summary>
    internal static Tensor Plus(this Tensor a, Tensor b) => a.add(b, IntOne);

    /// <summary>a += b in place (as <c>a.add_(b)</c>).</summary>
    internal static Tensor PlusInPlace(this Tensor a, Tensor b) => a.add_(b, IntOne);

    /// <summary>t² elementwise (as <c>t.square()</c>: <c>pow(2)</c>).</summary>
    internal static Tensor Squared(this Tensor t) => t.pow(IntTwo);

    /// <summary>t · value (as <c>t * value</c>).</summary>
    internal static Tensor Times(this Tensor t, double value) => With(value.ToScalar(), t.mul);

    /// <summary>t · value (as <c>t * value</c> with an <see cref="int"/>).</summary>
    internal static Tensor Times(this Tensor t, int value) => With(value.ToScalar(), t.mul);

    /// <summary>t + value (as <c>t + value</c>: <c>add(value, alpha: 1)</c>).</summary>
    internal static Tensor Plus(this Tensor t, double value) => With(value.ToScalar(), s => t.add(s, IntOne));

    /// <summary>t − value (as <c>t - value</c>).</summary>
    internal static Tensor Minus(this Tensor t, double value) => With(value.ToScalar(), t.sub);

    /// <summary>t − value (as <c>t - value</c> with an <see cref="int"/>).</summary>
    internal static Tensor Minus(this Tensor t, int value) => With(value.ToScalar(), t.sub);

    /// <summary>t / value (as <c>t / value</c>).</summary>
    internal static Tensor Over(this Tensor t, double value) => With(value.ToScalar(), s => t.div(s));

    /// <summary>t / value (as <c>t / value</c> with a <see cref="long"/>).</summary>
    internal static Tensor Over(this Tensor t, long value) => With(value.ToScalar(), s => t.div(s));

    /// <summary>value / t (as <c>value / t</c>, which TorchSharp computes as <c>t.reciprocal() * value</c>).</summary>
    internal static Tensor DividedBy(double value, Tensor t) => With(value.ToScalar(), s => t.reciprocal().mul(s));

    /// <summary>ln(1 + eˣ) with β = 1 and threshold 20 (as <c>nn.functional.softplus(x)</c>).</summary>
    internal static Tensor Softplus(Tensor x) => SoftplusWithScalars is { } f ? f(x, One, SoftplusThreshold) : nn.functional.softplus(x);

    /// <summary>Applies <paramref name="operation"/> to <paramref name="scalar"/> and disposes it afterwards, so it is
    /// reachable for the whole native call.</summary>
    private static Tensor With(Scalar scalar, Func<Scalar, Tensor> operation)
    {
        using (scalar)
        {
            return operation(scalar);
        }
    }

    private static Func<Tensor, Scalar, Scalar, Tensor>? FindSoftplusWithScalars()
    {
        var method = typeof(Tensor).GetMethod("softplus1", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, [typeof(Scalar), typeof(Scalar)]);
        return method is not null && method.ReturnType == typeof(Tensor)
            ? method.CreateDelegate<Func<Tensor, Scalar, Scalar, Tensor>>()
            : null;
    }
}
