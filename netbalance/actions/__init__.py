"""Every change a user can make, and every figure shown in more than one place.

The command line and the app's screens call these functions and never touch the store
themselves: one rule, one write path, one number per figure. Each module imports only
what its own actions use, so a command pays for nothing else.
"""
