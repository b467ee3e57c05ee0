using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;

namespace LevBacktest.Cli.Tests;

/// <summary>
/// The levbt a user installs (<c>dotnet tool install LevBacktest.Cli --add-source DIR</c> from the packed folder) starts on
/// precompiled code: on linux-x64 the installer picks the RID-specific package LevBacktest.Cli.linux-x64, whose levbt.dll
/// and every managed library beside it are ReadyToRun images for Linux x64; elsewhere it picks the portable
/// LevBacktest.Cli.any, plain IL (a ReadyToRun image of another platform would not load: the runtime throws
/// BadImageFormatException instead of falling back to its IL). Read from the PE files themselves: a ReadyToRun image's
/// CLI header has a managed native header pointing at a READYTORUN_HEADER (signature "RTR"), and its COFF machine is the
/// target architecture XOR an operating-system constant (crossgen2's MachineOSOverride: Linux 0x7B79; Windows images keep the
/// plain machine), which the runtime compares with its own before it uses the native code. Checked by hand: a Linux x64
/// image says 0xFD1D = 0x8664 ^ 0x7B79, the same assembly compiled for Windows x64 says 0x8664, plain IL says 0x014C.
/// </summary>
public sealed class InstalledToolReadyToRunTests : IDisposable
{
    private const uint ReadyToRunSignature = 0x00525452; // "RTR"
    private const ushort LinuxX64ReadyToRunMachine = (ushort)Machine.Amd64 ^ 0x7B79;

    private readonly string _root = Directory.CreateTempSubdirectory("levbt-r2r-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [PackedFolderFact]
    public void The_installed_levbt_and_its_libraries_are_ReadyToRun_on_linux_x64_and_plain_IL_elsewhere()
    {
        string packages = PackedFolderFactAttribute.Folder!;
        string version = PackedToolSupport.PackageVersion(packages, "LevBacktest.Core");
        PackedToolSupport.WritePrivateNuGetConfig(_root);
        string tools = Path.Combine(_root, "tools");
        PackedToolSupport.Dotnet(_root, "tool", "install", "LevBacktest.Cli", "--tool-path", tools, "--add-source", packages, "--version", version);
        Assert.Contains("buy-and-hold-long", PackedToolSupport.Run(Path.Combine(tools, "levbt"), _root, "strategies"), StringComparison.Ordinal);

        string installed = Path.GetDirectoryName(Directory.GetFiles(Path.Combine(tools, ".store"), "levbt.dll", SearchOption.AllDirectories).Single())!;
        var managed = Directory.GetFiles(installed, "*.dll").Select(Inspect).Where(image => image.IsManaged).ToList();
        string[] expected = ["levbt.dll", "LevBacktest.Core.dll", "LevBacktest.Parquet.dll", "LevBacktest.Reporting.dll", "LevBacktest.Strategies.dll",
            "ParquetSharp.dll", "ScottPlot.dll", "SkiaSharp.dll", "System.CommandLine.dll", "Spectre.Console.dll", "McMaster.NETCore.Plugins.dll"];
        Assert.Superset(expected.ToHashSet(), managed.Select(image => image.Name).ToHashSet());

        bool linuxX64 = OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;
        foreach (var image in managed)
        {
            if (linuxX64)
            {
                Assert.True(image.IsReadyToRun, $"{image.Name} in {installed} holds no ReadyToRun code (IL only): the linux-x64 tool package was not ReadyToRun-compiled");
                Assert.True(image.Machine == LinuxX64ReadyToRunMachine, $"{image.Name}: ReadyToRun machine 0x{image.Machine:X4}, not Linux x64 (0x{LinuxX64ReadyToRunMachine:X4})");
            }
            else
            {
                Assert.False(image.IsReadyToRun, $"{image.Name} in {installed} is a ReadyToRun image (machine 0x{image.Machine:X4}) on a platform it was not compiled for: it would not load");
            }
        }
    }

    private static ImageKind Inspect(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        var cli = reader.PEHeaders.CorHeader;
        if (cli is null)
        {
            return new ImageKind(Path.GetFileName(path), IsManaged: false, IsReadyToRun: false, Machine: 0);
        }

        var native = cli.ManagedNativeHeaderDirectory;
        bool readyToRun = native.Size > 0 && reader.GetSectionData(native.RelativeVirtualAddress).GetReader().ReadUInt32() == ReadyToRunSignature;
        return new ImageKind(Path.GetFileName(path), IsManaged: true, readyToRun, (ushort)reader.PEHeaders.CoffHeader.Machine);
    }

    private readonly record struct ImageKind(string Name, bool IsManaged, bool IsReadyToRun, ushort Machine);
}
