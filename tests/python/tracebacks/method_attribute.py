class Account:
    def __init__(self, owner):
        self.owner = owner

    def label(self):
        return self.owner.upper().title_case()


Account("ann").label()
