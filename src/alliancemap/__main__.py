from alliancemap.cli import main

main()
