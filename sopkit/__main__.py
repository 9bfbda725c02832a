from sopkit.cli import main

main()
