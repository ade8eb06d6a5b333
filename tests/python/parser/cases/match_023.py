match x:
    case 0x10 | 0o7 | 0b1: pass