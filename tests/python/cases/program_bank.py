# a small bank: classes, dicts, exceptions, sorting, formatting
class InsufficientFunds(Exception):
    def __init__(self, account, amount):
        super().__init__(f"{account.owner} cannot withdraw {amount}")
        self.account = account
        self.amount = amount

class Account:
    interest = 0.02
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(self, amount)
        self.balance -= amount
        self.history.append(("withdraw", amount))
    def __repr__(self):
        return f"Account({self.owner!r}, {self.balance})"
    def __lt__(self, other):
        return self.balance < other.balance

class Savings(Account):
    interest = 0.05
    def add_interest(self):
        gained = round(self.balance * self.interest, 2)
        self.deposit(gained)
        return gained

bank = {}
for name, start in [("ann", 100), ("bob", 50), ("cy", 75)]:
    bank[name] = Savings(name, start) if name == "cy" else Account(name, start)
bank["ann"].withdraw(30)
bank["bob"].deposit(25)
try:
    bank["bob"].withdraw(500)
except InsufficientFunds as e:
    print("refused:", e, e.amount)
try:
    bank["ann"].deposit(-5)
except ValueError as e:
    print("refused:", e)
print(bank["cy"].add_interest(), bank["cy"])
for acct in sorted(bank.values()):
    print(f"{acct.owner:>5} {acct.balance:8.2f} {len(acct.history)}")
print(max(bank.values()), min(bank.values(), key=lambda a: a.owner))
total = sum(a.balance for a in bank.values())
print(f"total {total:.2f}", Account.interest, Savings.interest, bank["cy"].interest)
print(isinstance(bank["cy"], Account), type(bank["ann"]).__name__)
