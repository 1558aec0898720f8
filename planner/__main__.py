from planner.cli.startup import main

main()
