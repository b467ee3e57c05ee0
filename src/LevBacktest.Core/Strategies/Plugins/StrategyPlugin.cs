using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

using McMaster.NETCore.Plugins;

namespace LevBacktest.Core.Strategies.Plugins;

/// <summary>
/// A user's strategy assembly loaded as a plugin: its file, the SHA-256 of its bytes (recorded in
/// summary.json, so <c>levbt regress</c> can tell changed code from drift) and the strategies it registers —
/// every public static property or field of type <see cref="StrategyDescriptor"/> on its public types, the
/// same convention as the built-ins' <c>Descriptor</c>.
/// </summary>
/// <remarks>
/// The assembly loads into its own <see cref="System.Runtime.Loader.AssemblyLoadContext"/> (McMaster.NETCore.Plugins)
/// with its own dependencies from its <c>.deps.json</c>, except LevBacktest.Core, which it shares with the host
/// so that its <see cref="ISignal"/>, <see cref="ISizing"/> and <see cref="IStopLoss"/> are the host's. Before
/// loading, its metadata is read to check that it is a .NET assembly built against LevBacktest.Core of the
/// host's major version. A file is loaded once per process (by full path and SHA-256); loading it again
/// returns the same plugin.
/// </remarks>
public sealed class StrategyPlugin
{
    private static readonly ConcurrentDictionary<(string Path, string Sha256), StrategyPlugin> Loaded = new();

    private StrategyPlugin(string path, string sha256, IReadOnlyList<StrategyDescriptor> descriptors)
    {
        Path = path;
        Sha256 = sha256;
        Descriptors = descriptors;
    }

    /// <summary>The assembly file, absolute path.</summary>
    public string Path { get; }

    /// <summary>SHA-256 of the assembly file's bytes, lower-case hexadecimal (64 characters).</summary>
    public string Sha256 { get; }

    /// <summary>The strategies the plugin registers, in the order of its types and their members; never empty.</summary>
    public IReadOnlyList<StrategyDescriptor> Descriptors { get; }

    /// <summary>The file name, for messages.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>Loads a plugin assembly.</summary>
    /// <param name="path">The built assembly (<c>MyStrategies.dll</c>), absolute or relative to the current folder.</param>
    /// <returns>The plugin with its strategies.</returns>
    /// <exception cref="StrategyPluginException">
    /// The file does not exist, is not a .NET assembly, references a LevBacktest.Core of another major version
    /// than the host's (or none), cannot be loaded, or registers no strategy descriptor.
    /// </exception>
    public static StrategyPlugin Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new StrategyPluginException($"plugin {fullPath} does not exist (build the plugin project first, e.g. dotnet build -c Release).");
        }

        byte[] bytes = File.ReadAllBytes(fullPath);
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return Loaded.GetOrAdd((fullPath, sha256), key => LoadNew(key.Path, key.Sha256, bytes));
    }

    /// <summary>The major version of LevBacktest.Core a plugin must be built against: the host's.</summary>
    public static Version HostCoreVersion { get; } = typeof(StrategyPlugin).Assembly.GetName().Version ?? new Version(0, 0);

    private static StrategyPlugin LoadNew(string path, string sha256, byte[] bytes)
    {
        CheckReferences(path, bytes);
        Assembly assembly;
        try
        {
            var loader = PluginLoader.CreateFromAssemblyFile(path, sharedTypes: [typeof(StrategyDescriptor)], config => config.PreferSharedTypes = true);
            assembly = loader.LoadDefaultAssembly();
        }
        catch (Exception exception) when (exception is IOException or BadImageFormatException or FileLoadException or InvalidOperationException)
        {
            throw new StrategyPluginException($"plugin {path} cannot be loaded: {exception.Message}", exception);
        }

        var descriptors = FindDescriptors(path, assembly);
        if (descriptors.Count == 0)
        {
            throw new StrategyPluginException(
                $"plugin {path} registers no strategy: it has no public static property or field of type StrategyDescriptor on a public type (see README \"Your own strategies\").");
        }

        return new StrategyPlugin(path, sha256, descriptors);
    }

    /// <summary>Reads the file's metadata, without loading it, to check it is a .NET assembly built against a compatible LevBacktest.Core.</summary>
    private static void CheckReferences(string path, byte[] bytes)
    {
        Version? coreVersion = null;
        try
        {
            using var pe = new PEReader(new MemoryStream(bytes, writable: false));
            if (!pe.HasMetadata)
            {
                throw new StrategyPluginException($"plugin {path} is not a .NET assembly (it has no .NET metadata; give the .dll that dotnet build writes for the plugin project).");
            }

            var reader = pe.GetMetadataReader();
            if (!reader.IsAssembly)
            {
                throw new StrategyPluginException($"plugin {path} is a .NET module, not an assembly.");
            }

            foreach (var handle in reader.AssemblyReferences)
            {
                var reference = reader.GetAssemblyReference(handle);
                if (reader.StringComparer.Equals(reference.Name, CoreAssemblyName))
                {
                    coreVersion = reference.Version;
                }
            }
        }
        catch (BadImageFormatException exception)
        {
            throw new StrategyPluginException($"plugin {path} is not a .NET assembly ({exception.Message}).", exception);
        }

        if (coreVersion is null)
        {
            throw new StrategyPluginException($"plugin {path} registers no strategy: it does not reference {CoreAssemblyName}, whose ISignal, ISizing and IStopLoss a strategy implements.");
        }

        if (coreVersion.Major != HostCoreVersion.Major)
        {
            throw new StrategyPluginException(
                $"plugin {path} was built against {CoreAssemblyName} {coreVersion.ToString(3)}, but this LevBacktest has {CoreAssemblyName} {HostCoreVersion.ToString(3)}: the major versions must match; rebuild the plugin against {CoreAssemblyName} {HostCoreVersion.Major}.x.");
        }
    }

    private static List<StrategyDescriptor> FindDescriptors(string path, Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception exception) when (exception is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            throw new StrategyPluginException($"plugin {path}: its types cannot be loaded ({exception.Message}); is a dependency missing beside it?", exception);
        }

        var found = new List<StrategyDescriptor>();
        var seen = new HashSet<StrategyDescriptor>(ReferenceEqualityComparer.Instance);
        const BindingFlags PublicStatic = BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in types)
        {
            if (type.ContainsGenericParameters)
            {
                continue;
            }

            var members = type.GetProperties(PublicStatic).Where(p => p.PropertyType == typeof(StrategyDescriptor) && p.GetIndexParameters().Length == 0).Cast<MemberInfo>()
                .Concat(type.GetFields(PublicStatic).Where(f => f.FieldType == typeof(StrategyDescriptor)))
                .OrderBy(m => m.MetadataToken);
            foreach (var member in members)
            {
                object? value;
                try
                {
                    value = member is PropertyInfo property ? property.GetValue(null) : ((FieldInfo)member).GetValue(null);
                }
                catch (TargetInvocationException exception)
                {
                    var cause = exception.InnerException ?? exception;
                    throw new StrategyPluginException($"plugin {path}: reading {type.FullName}.{member.Name} failed: {cause.Message}", cause);
                }
                catch (TypeInitializationException exception)
                {
                    var cause = exception.InnerException ?? exception;
                    throw new StrategyPluginException($"plugin {path}: reading {type.FullName}.{member.Name} failed: {cause.Message}", cause);
                }

                if (value is StrategyDescriptor descriptor && seen.Add(descriptor))
                {
                    found.Add(descriptor);
                }
            }
        }

        return found;
    }

    private const string CoreAssemblyName = "LevBacktest.Core";
}
