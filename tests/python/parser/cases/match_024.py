match a if b else c:
    case 1: pass