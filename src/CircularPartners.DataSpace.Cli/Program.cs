return await CircularPartners.DataSpace.Cli.CliApp.RunAsync(args, Console.Out, Console.Error);
