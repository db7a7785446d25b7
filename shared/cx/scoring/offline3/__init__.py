"""The third offline scorer (rubric ``offline-v3``): the customer's reaction to each answer, weighed by a fit."""
