using LevBacktest.Cli;

return CommandLineApplication.Run(args, Console.Out, Console.Error);
