"""What graders use: cases and recipes, the comparison helper, the checks, efficiency timing. Graders
reach it through `interviewkit.grader`."""
