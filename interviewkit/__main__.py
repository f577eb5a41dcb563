from interviewkit.cli import main

main()
