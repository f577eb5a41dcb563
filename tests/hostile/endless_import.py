# track: numpy
# timeout: 4
# expect: time limit
"""Never finishes being imported."""
while True:
    pass
