try: a
except E as e: b