"""The second offline scorer (rubric ``offline-v2``): each sentence read once, signals that generalise."""
