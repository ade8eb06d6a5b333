match x:
    case 0 | -0 | 0.0 | -0.0 | 1+1j | -1-1j: pass
