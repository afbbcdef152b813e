from jiekun.cli.app import main

main()
