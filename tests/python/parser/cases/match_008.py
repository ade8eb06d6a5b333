match x:
    case -1: pass
    case 1+2j: pass
    case -1-2j: pass
    case 1.5: pass